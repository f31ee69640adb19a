# Sourced by the bench scripts that start servers of their own.

# wait_listening LOG: waits (10 s at most) for the server writing LOG to say "listening on", then
# sets STARTED_URL to its base URL; exits the script with LOG's text if it never does.
wait_listening() {
  local log=$1
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$log"; then
      STARTED_URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | head -1)
      return
    fi
    sleep 0.05
  done
  echo "server did not start: $(cat "$log")" >&2
  exit 1
}

# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# next_monday: epoch seconds of the next Monday 00:00Z at least 2 days ahead (booking runs'
# first slot).
next_monday() {
  local today dow
  today=$(date -u +%s)
  dow=$(date -u +%u)
  echo $(( (today / 86400 + (8 - dow) % 7 + ( (8 - dow) % 7 < 2 ? 7 : 0 )) * 86400 ))
}
