package tandem.mirror.pool;

/** What the planner decides for one video: copy it, keep our copy, or drop our copy. */
public enum Action { ADD, KEEP, EVICT }
