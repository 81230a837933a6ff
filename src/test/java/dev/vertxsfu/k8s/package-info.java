/**
 * Offline checks of the deployment: the Kubernetes manifests in {@code k8s/} and the
 * {@code Dockerfile}. External linters do the syntax and schema work ({@code yamllint}, and
 * the Node.js scripts in {@code src/test/k8s-validate/}: Kubernetes JSON schemas through
 * kubernetes-models, a Dockerfile lint through dockerfile-utils); the tests here run them and
 * assert what the deployment must do for an SFU (host network, DNS discovery, drain, probes)
 * on the objects the validator parsed. Nothing here talks to a cluster or a Docker engine.
 */
package dev.vertxsfu.k8s;
