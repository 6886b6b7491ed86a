package nl.commonsledger.core.allocation;

/** How an allocation key divides costs: equally among active members, or by their weights. */
public enum KeyMethod {
    EQUAL,
    WEIGHTED
}
