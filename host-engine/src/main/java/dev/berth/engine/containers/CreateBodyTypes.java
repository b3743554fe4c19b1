package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Type checks of a container-create body before anything reads it. JsonObject's getters
 * coerce (a number Image would become the string "5"), so a wrongly typed field is refused
 * here with a 400 naming it, in the words of dockerd's JSON decoder.
 */
final class CreateBodyTypes {

  private enum Kind {
    STRING("string"),
    BOOL("bool"),
    INT("int64"),
    STRINGS("[]string"),
    STRING_OR_STRINGS("[]string"),
    OBJECT("struct");

    final String goType;

    Kind(String goType) {
      this.goType = goType;
    }
  }

  private static final Map<String, Kind> CONFIG =
      Map.ofEntries(
          Map.entry("Image", Kind.STRING),
          Map.entry("Hostname", Kind.STRING),
          Map.entry("Domainname", Kind.STRING),
          Map.entry("User", Kind.STRING),
          Map.entry("WorkingDir", Kind.STRING),
          Map.entry("StopSignal", Kind.STRING),
          Map.entry("Tty", Kind.BOOL),
          Map.entry("OpenStdin", Kind.BOOL),
          Map.entry("StdinOnce", Kind.BOOL),
          Map.entry("AttachStdin", Kind.BOOL),
          Map.entry("AttachStdout", Kind.BOOL),
          Map.entry("AttachStderr", Kind.BOOL),
          Map.entry("NetworkDisabled", Kind.BOOL),
          Map.entry("StopTimeout", Kind.INT),
          Map.entry("Env", Kind.STRINGS),
          Map.entry("Cmd", Kind.STRING_OR_STRINGS),
          Map.entry("Entrypoint", Kind.STRING_OR_STRINGS),
          Map.entry("Labels", Kind.OBJECT),
          Map.entry("HostConfig", Kind.OBJECT));

  private static final Map<String, Kind> HOST_CONFIG =
      Map.ofEntries(
          Map.entry("Memory", Kind.INT),
          Map.entry("MemorySwap", Kind.INT),
          Map.entry("MemoryReservation", Kind.INT),
          Map.entry("NanoCpus", Kind.INT),
          Map.entry("CpuShares", Kind.INT),
          Map.entry("CpuQuota", Kind.INT),
          Map.entry("CpuPeriod", Kind.INT),
          Map.entry("PidsLimit", Kind.INT),
          Map.entry("ShmSize", Kind.INT),
          Map.entry("Privileged", Kind.BOOL),
          Map.entry("ReadonlyRootfs", Kind.BOOL),
          Map.entry("AutoRemove", Kind.BOOL),
          Map.entry("Init", Kind.BOOL),
          Map.entry("NetworkMode", Kind.STRING),
          Map.entry("Binds", Kind.STRINGS),
          Map.entry("CapAdd", Kind.STRINGS),
          Map.entry("CapDrop", Kind.STRINGS));

  private CreateBodyTypes() {}

  static void validate(JsonObject body) {
    check(body, CONFIG, "ContainerConfigWrapper");
    Object hostConfig = body.getValue("HostConfig");
    if (hostConfig instanceof JsonObject hc) {
      check(hc, HOST_CONFIG, "HostConfig.HostConfig");
    }
  }

  private static void check(JsonObject object, Map<String, Kind> fields, String struct) {
    for (Map.Entry<String, Kind> field : fields.entrySet()) {
      Object value = object.getValue(field.getKey());
      if (value != null && !fits(value, field.getValue())) {
        throw EngineException.invalidParameter(
            "json: cannot unmarshal "
                + jsonType(value)
                + " into Go struct field "
                + struct
                + "."
                + field.getKey()
                + " of type "
                + field.getValue().goType);
      }
    }
  }

  private static boolean fits(Object value, Kind kind) {
    return switch (kind) {
      case STRING -> value instanceof String;
      case BOOL -> value instanceof Boolean;
      case INT -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
      case OBJECT -> value instanceof JsonObject;
      case STRINGS -> allStrings(value);
      case STRING_OR_STRINGS -> value instanceof String || allStrings(value);
    };
  }

  private static boolean allStrings(Object value) {
    if (!(value instanceof JsonArray array)) {
      return false;
    }
    for (Object item : array) {
      if (!(item instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static String jsonType(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    return "object";
  }
}
