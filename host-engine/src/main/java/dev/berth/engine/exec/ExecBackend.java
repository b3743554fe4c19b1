package dev.berth.engine.exec;

/** The containers that exec works on. */
public interface ExecBackend {

  /** The container by id, id prefix or name; 404 "No such container: x" otherwise. */
  ExecContainer container(String idOrName);
}
