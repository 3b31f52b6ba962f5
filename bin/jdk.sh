# shellcheck shell=bash
# Sourced by ./tabelogo and .ci/run: finds a JDK 21+ so nothing depends on the machine's default java.

# The major version of the java binary $1: "1.8.0_412" -> 8, "21.0.3" -> 21, "25" -> 25; 0 if it does not run.
java_major() {
  local version
  version=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }') || true
  version=${version#1.}
  version=${version%%[!0-9]*}
  echo "${version:-0}"
}

# Whether $1 is the home of a JDK 21+ (a compiler too: a runtime alone cannot build the project).
is_jdk21() {
  [[ -x $1/bin/java && -x $1/bin/javac ]] && (($(java_major "$1/bin/java") >= 21))
}

# Prints a JDK 21+ home: $JAVA_HOME, else the java on PATH, else the newest under /usr/lib/jvm. Fails if none.
find_jdk() {
  if [[ -n ${JAVA_HOME:-} ]] && is_jdk21 "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return
  fi
  if command -v java >/dev/null; then
    # Ask java itself: with version managers (asdf, mise, jenv) the java on PATH is a shim script.
    local home
    home=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ { print $2; exit }') || true
    if [[ -n $home ]] && is_jdk21 "$home"; then
      echo "$home"
      return
    fi
  fi
  local candidate major best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    is_jdk21 "$candidate" || continue
    major=$(java_major "$candidate/bin/java")
    if ((major > best_major)); then
      best=$candidate
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
