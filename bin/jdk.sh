# Sourced by ./tabelogo and .ci/run: finds a JDK 21+ so nothing depends on the machine's default java.

# The major version of the java binary $1: "1.8.0_412" -> 8, "21.0.3" -> 21, "25" -> 25; 0 if it does not run.
java_major() {
  local version
  version=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }') || true
  version=${version#1.}
  version=${version%%[!0-9]*}
  echo "${version:-0}"
}

# Prints a JDK 21+ home: $JAVA_HOME, else the java on PATH, else the newest under /usr/lib/jvm. Fails if none.
find_jdk() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] && (($(java_major "$JAVA_HOME/bin/java") >= 21)); then
    echo "$JAVA_HOME"
    return
  fi
  if command -v java >/dev/null && (($(java_major java) >= 21)); then
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    return
  fi
  local home major best="" best_major=0
  for home in /usr/lib/jvm/*; do
    [[ -x $home/bin/java ]] || continue
    major=$(java_major "$home/bin/java")
    if ((major >= 21 && major > best_major)); then
      best=$home
      best_major=$major
    fi
  done
  [[ -n $best ]] && echo "$best"
}

# Like find_jdk, but explains what to install and exits when there is none.
require_jdk() {
  if ! find_jdk; then
    cat >&2 <<'MESSAGE'
Tabelogo needs a JDK 21 or newer and found none ($JAVA_HOME, java on PATH, /usr/lib/jvm/*).
Install one, e.g. `apt-get install temurin-21-jdk` or `apt-get install openjdk-21-jdk`,
or set JAVA_HOME to a JDK 21+ installation.
MESSAGE
    exit 1
  fi
}
