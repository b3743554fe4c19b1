package dev.berth.engine.events;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.compat.DockerTime;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /events: Docker's newline-delimited JSON stream, with since, until and filters. */
public final class EventsRouter implements ApiRoutes {

  private final EventLog events;

  public EventsRouter(EventLog events) {
    this.events = events;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/events").handler(this::getEvents);
  }

  private void getEvents(RoutingContext ctx) {
    EventFilter filter = new EventFilter(Http.filters(ctx));
    String sinceParam = ctx.request().getParam("since");
    String untilParam = ctx.request().getParam("until");
    long now = DockerTime.nowNano();
    Long since = sinceParam == null || sinceParam.isEmpty() ? null : DockerTime.parseNano(sinceParam, now);
    Long until = untilParam == null || untilParam.isEmpty() ? null : DockerTime.parseNano(untilParam, now);

    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("Content-Type", "application/json").setStatusCode(200);
    if (until != null && until <= now) {
      for (Event e : events.between(since == null ? 0 : since, until)) {
        if (filter.matches(e)) {
          response.write(e.toJson().encode() + "\n");
        }
      }
      response.end();
      return;
    }
    // headers go out at once: clients (and the CLI's `docker events`) wait for them
    response.writeHead();
    Runnable[] stop = new Runnable[1];
    long[] timer = {-1};
    stop[0] =
        events.subscribe(
            since == null ? 0 : since,
            since != null,
            e -> {
              if (until != null && e.timeNano() > until) {
                return;
              }
              if (filter.matches(e) && !response.ended() && !response.closed()) {
                response.write(e.toJson().encode() + "\n");
              }
            });
    if (until != null) {
      timer[0] =
          ctx.vertx()
              .setTimer(
                  Math.max(1, (until - now) / 1_000_000),
                  t -> {
                    stop[0].run();
                    if (!response.ended() && !response.closed()) {
                      response.end();
                    }
                  });
    }
    response.closeHandler(
        v -> {
          stop[0].run();
          if (timer[0] >= 0) {
            ctx.vertx().cancelTimer(timer[0]);
          }
        });
  }
}
