package dev.berth.engine.images;

import dev.berth.engine.events.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** Image events as dockerd sends them: Actor ID the image id, attributes its labels plus name. */
final class ImageEvents {

  private final EventLog log;

  ImageEvents(EventLog log) {
    this.log = log;
  }

  void publish(String action, ImageStore.Image image, String name) {
    Map<String, String> attributes = new LinkedHashMap<>();
    // dockerd looks the labels up when it logs: a deleted image has none any more
    if (!action.equals("delete")) {
      image.labels().forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
    }
    attributes.put("name", name);
    log.publish("image", action, image.id(), attributes);
  }
}
