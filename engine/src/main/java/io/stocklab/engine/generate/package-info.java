/**
 * The deterministic synthetic KOSPI/KOSDAQ-like market behind {@code stocklab generate}: a KRX-like calendar,
 * tick grid and price limits, sectors, listings, delistings, halts, quarterly statements with disclosure dates
 * and cap-weighted indices. The data is SYNTHETIC and describes no real company. Entry point:
 * {@link io.stocklab.engine.generate.SyntheticMarket#generate}; the model is described in
 * {@code docs/synthetic-data.md}.
 */
package io.stocklab.engine.generate;
