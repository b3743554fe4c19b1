# Sourced by the bench/ scripts that start Berth's engine: its JVM options are those it ships
# with, config/engine-jvm.options as scripts/start.sh reads it (BERTH_ENGINE_JVM overrides them).
engine_jvm_options() {
  if [ -n "${BERTH_ENGINE_JVM:-}" ]; then
    echo "$BERTH_ENGINE_JVM"
  else
    sed -e 's/#.*//' "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/config/engine-jvm.options" | tr -s ' \n' ' '
  fi
}
