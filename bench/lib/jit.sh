# shellcheck shell=bash
# jit_ticks PID: CPU clock ticks used so far by a JVM's JIT compiler threads (C1 and C2), so a
# benchmark can warm a JVM until its compilers are quiet and report what they still used
jit_ticks() {
  local sum=0 t
  for t in /proc/"$1"/task/*; do
    if grep -q Compiler "$t/comm" 2>/dev/null; then
      sum=$((sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
    fi
  done
  echo "$sum"
}
