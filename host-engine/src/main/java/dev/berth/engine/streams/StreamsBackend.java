package dev.berth.engine.streams;

/** The containers that attach, logs and resize work on. */
public interface StreamsBackend {

  /** The container by id, id prefix or name; 404 "No such container: x" otherwise. */
  StreamTarget container(String idOrName);
}
