package nl.commonsledger.projections.settlement;

import nl.commonsledger.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded payment from one member to another. */
public record SettlementView(String settlementId, String projectId, long listPosition, String from, String to,
                             Money amount, LocalDate date, String reference, Instant recordedAt, String recordedBy) {
}
