/** Process entry point: reads the configuration, starts Vert.x and the node's verticles. */
package dev.vertxsfu.app;
