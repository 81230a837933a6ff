/**
 * Long runs against a real node, tagged {@code soak} and left out of the default run: what a
 * node holds must come back to where it was however long clients come and go.
 */
package dev.vertxsfu.soak;
