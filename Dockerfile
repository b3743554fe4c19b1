# The Berth gateway image. It runs next to any Docker-API socket, as Portainer does:
#   mvn -B -DskipTests package
#   docker build -t berth/gateway .
#   docker run -d -p 8080:8080 -v /var/run/docker.sock:/var/run/docker.sock \
#     -v berth-data:/var/lib/berth-gateway berth/gateway
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/berth-gateway berth \
 && mkdir -p /var/lib/berth-gateway /etc/berth && chown berth /var/lib/berth-gateway
COPY config/gateway.yaml config/gateway-jvm.options /etc/berth/
COPY backend/target/berth-gateway.jar /opt/berth/berth-gateway.jar
VOLUME /var/lib/berth-gateway
EXPOSE 8080
# The socket of the engine to manage is mounted by the operator; the gateway listens on all
# interfaces inside the container and therefore serves TLS (self-signed unless a cert is given).
ENV BERTH_LISTEN_HOST=0.0.0.0 \
    BERTH_DATA_DIR=/var/lib/berth-gateway \
    BERTH_HOSTS=local=unix:///var/run/docker.sock
# the JVM options scripts/start.sh and the benchmarks use (heap sizes, JIT settings)
ENTRYPOINT ["java", "@/etc/berth/gateway-jvm.options", "-jar", "/opt/berth/berth-gateway.jar", "--config", "/etc/berth/gateway.yaml"]
