package dev.berth.gateway.resources;

import dev.berth.gateway.http.ApiError;

import java.util.regex.Pattern;

/** Validates names and ids taken from the URL before they go into an engine path. */
public final class Ids {

  private static final Pattern OBJECT = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");
  private static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.:/@+-]{0,510}");

  private Ids() {
  }

  /** A container, network or volume id or name. */
  public static String object(String value, String what) {
    if (value == null || !OBJECT.matcher(value).matches()) {
      throw ApiError.badRequest(what + " is not a valid id or name: " + value);
    }
    return value;
  }

  /**
   * An image reference or id; slashes stay raw in the engine path (the engine routes image
   * names greedily, as the docker CLI sends them). ".." and "//" are refused.
   */
  static String image(String value) {
    if (value == null || !IMAGE.matcher(value).matches() || value.contains("..") || value.contains("//")) {
      throw ApiError.badRequest("not a valid image reference: " + value);
    }
    return value;
  }
}
