/*
 * LD_PRELOAD shim that makes Janus gather an ICE host candidate on 127.0.0.1.
 *
 * Janus (src/ice.c, janus_ice_setup_local) walks getifaddrs() and skips every interface
 * flagged IFF_LOOPBACK before it hands addresses to libnice; ice_enforce_list cannot undo
 * that. This getifaddrs() calls the C library's and clears IFF_LOOPBACK on the loopback
 * interface's entries ("lo"), so Janus treats 127.0.0.1 like any other address; its
 * ice_enforce_list (set to "lo" by the benchmark's configuration) then keeps it alone.
 * libnice itself accepts a loopback address it is given explicitly.
 *
 * Build: gcc -shared -fPIC -O2 -o loopback-shim.so loopback-shim.c -ldl
 * Use:   LD_PRELOAD=/path/to/loopback-shim.so janus ...
 * JanusProcess (src/test/java/dev/vertxsfu/bench/janus) compiles it into a temporary folder.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <string.h>

typedef int (*getifaddrs_fn)(struct ifaddrs **);

int getifaddrs(struct ifaddrs **result) {
  static getifaddrs_fn real = NULL;
  if (real == NULL) {
    real = (getifaddrs_fn) dlsym(RTLD_NEXT, "getifaddrs");
    if (real == NULL) {
      return -1;
    }
  }
  int rc = real(result);
  if (rc != 0) {
    return rc;
  }
  for (struct ifaddrs *ifa = *result; ifa != NULL; ifa = ifa->ifa_next) {
    if (ifa->ifa_name != NULL && strcmp(ifa->ifa_name, "lo") == 0) {
      ifa->ifa_flags &= ~IFF_LOOPBACK;
    }
  }
  return rc;
}
