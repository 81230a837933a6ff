/**
 * Operations: the node's Prometheus metrics ({@link dev.vertxsfu.ops.SfuMetrics}), fed by the
 * rooms' once-a-second samples and the signaling fronts' counters. Reads what other packages
 * publish; nothing here runs on the forwarding path.
 */
package dev.vertxsfu.ops;
