# Sourced by bin/stocklab, bin/test and .ci/run: make sure JAVA_HOME points at a JDK >= 21.
# If the default java is older, pick the newest JDK under /usr/lib/jvm that is 21 or newer.
stocklab_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}
stocklab_pick_jdk() {
  local current=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then current="$JAVA_HOME/bin/java";
  elif command -v java >/dev/null 2>&1; then current="$(command -v java)"; fi
  if [ -n "$current" ] && [ "$(stocklab_java_major "$current")" -ge 21 ] 2>/dev/null; then
    [ -n "${JAVA_HOME:-}" ] || export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$current")")")"
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    [ -x "${dir}bin/javac" ] || continue
    major="$(stocklab_java_major "${dir}bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="${dir%/}"; best_major="$major"; fi
  done
  if [ -z "$best" ]; then
    echo "error: StockLab needs a JDK 21 or newer; none found (default java is older and /usr/lib/jvm has none)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
stocklab_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
