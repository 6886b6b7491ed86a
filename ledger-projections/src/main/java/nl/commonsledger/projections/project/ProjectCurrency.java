package nl.commonsledger.projections.project;

/** The currency of a project (ISO 4217) and the number of decimals its amounts carry. */
public record ProjectCurrency(String currency, int scale) {
}
