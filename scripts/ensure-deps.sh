# Sourced by run.sh and test.sh: installs, on Debian or Ubuntu, what they need when missing.
# Uses apt-get (as root, or through sudo); does nothing for what is already there.

apt_updated=0
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ "$apt_updated" -eq 0 ]; then
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt_updated=1
  fi
  # Waits for another package manager run (unattended upgrades, a parallel install) to end.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "$@"
}

# A JDK of version 17 or later and Maven.
ensure_java_and_maven() {
  local major=0
  if command -v javac >/dev/null 2>&1; then
    major=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
  fi
  if [ "${major:-0}" -lt 17 ]; then
    apt_install openjdk-17-jdk-headless
  fi
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

# A shared library the tests load through JNI (webrtc-java links libpulse.so.0).
ensure_library() {
  local soname="$1" package="$2"
  local ldconfig
  ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
  "$ldconfig" -p 2>/dev/null | grep -q "$soname" || apt_install "$package"
}

# Chromium and Node.js 20+ with npm, for the browser end-to-end test: playwright-core drives
# Debian's chromium (/usr/bin/chromium) and downloads no browser of its own.
ensure_node_and_chromium() {
  command -v chromium >/dev/null 2>&1 || apt_install chromium
  command -v node >/dev/null 2>&1 || apt_install nodejs
  command -v npm >/dev/null 2>&1 || apt_install npm
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    # playwright-core 1.64 needs Node 20+, Debian 12's own nodejs is 18: take Node 20 from
    # the npm registry (package "node") into a folder of the project's, and use it.
    local tools
    tools="$(pwd)/.tools/node"
    if [ ! -x "$tools/node_modules/node/bin/node" ]; then
      npm install --no-save --prefix "$tools" node@20 >/dev/null
    fi
    export PATH="$tools/node_modules/node/bin:$tools/node_modules/.bin:$PATH"
    major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$major" -lt 20 ]; then
      echo "Node.js $(node --version) is too old: playwright-core needs 20 or later" >&2
      return 1
    fi
  fi
}

# Debian's Firefox ESR (/usr/bin/firefox-esr), the second browser engine of the browser tests:
# puppeteer-core drives it over WebDriver BiDi (FirefoxChromiumTest) and downloads no browser.
ensure_firefox() {
  command -v firefox-esr >/dev/null 2>&1 || apt_install firefox-esr
}

# yamllint, for the Kubernetes manifests' check (ManifestValidationTest lints k8s/).
ensure_yamllint() {
  command -v yamllint >/dev/null 2>&1 || apt_install yamllint
}

# Janus (Debian's janus package) and a C compiler for its loopback shim
# (bench/janus/loopback-shim.c, built by JanusProcess): the load harness's Janus target and
# the tests that run it.
ensure_janus() {
  command -v janus >/dev/null 2>&1 || apt_install janus
  { command -v gcc && [ -e /usr/include/ifaddrs.h ]; } >/dev/null 2>&1 || apt_install gcc libc6-dev
}

# Debian's coturn (turnserver): the TURN tests (TurnCredentialsCoturnTest, BrowserTurnTest)
# start their own on a free port of 127.0.0.1. Installing it may also enable Debian's coturn
# service on port 3478 where systemd runs; the tests do not use that one.
ensure_coturn() {
  command -v turnserver >/dev/null 2>&1 || apt_install coturn
}

# iproute2 (ip, tc): the shaped-link tests (src/test/java/dev/vertxsfu/shaped) make network
# namespaces and veth pairs and shape them with tc's tbf; slim Debian images lack it. The tests
# also need root, which CI has.
ensure_iproute2() {
  { command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1; } || apt_install iproute2
}
