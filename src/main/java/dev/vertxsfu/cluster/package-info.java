/**
 * The cluster: starting Vert.x with the Hazelcast cluster manager, and the cluster-wide state
 * rooms are placed by. Nothing that belongs to a room.
 */
package dev.vertxsfu.cluster;
