#!/usr/bin/env bash
# Records real squeue/sacct output from the running dev cluster into test/launchers/slurm/fixtures/,
# for the parsers' unit tests. Takes about 1.5 minutes (one task must hit its 1-minute time limit).
#
#   scripts/slurm-dev-cluster.sh start && scripts/slurm/record-fixtures.sh
#
# sacct-stale-range.txt is not written here: it is `sacct -X -n -P -j <id>
# --format=JobID,State,ExitCode,Elapsed` for the array that test/launchers/slurm/cluster.test.ts submits.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
readonly OUT="$ROOT/test/launchers/slurm/fixtures"
WORK="$(mktemp -d /tmp/mlreg-slurm-fixtures.XXXXXX)"
readonly WORK
readonly SQUEUE_FORMAT='%i|%T|%r'
readonly SACCT_FORMAT='JobID,State,ExitCode,Elapsed'
mkdir -p "$OUT"
cd "$WORK"

# Task 0 succeeds, 1 exits 3, 2 outlives its time limit, 3 is cancelled while running,
# 4 is killed by SIGKILL, 5 succeeds.
cat >tasks.sh <<'EOF'
#!/bin/bash
case $SLURM_ARRAY_TASK_ID in
  0|5) echo ok ;;
  1) echo "exit 3" >&2; exit 3 ;;
  2|3) sleep 150 ;;
  4) kill -KILL $$ ;;
esac
EOF

array=$(sbatch --parsable --array=0-5%2 --time=0:01 --output="$WORK/%A_%a.out" tasks.sh)
# Never starts on its own: its tasks stay pending until cancelled.
held=$(sbatch --parsable --array=0-3 --begin=now+3600 --output=/dev/null --wrap 'true')
echo "recording jobs $array and $held in $WORK"
printf '%s\n' "$array" >"$OUT/sbatch-parsable.txt"

squeue_array() { squeue --array --noheader --states=all --jobs="$1" --format="$SQUEUE_FORMAT"; }
squeue_compact() { squeue --noheader --states=all --jobs="$1" --format="$SQUEUE_FORMAT"; }
sacct_rows() { sacct --jobs="$1" --allocations --noheader --parsable2 --format="$SACCT_FORMAT"; }

squeue_array "$array,$held" >"$OUT/squeue-array-submitted.txt"
squeue_compact "$array,$held" >"$OUT/squeue-compact-submitted.txt"

# Wait until tasks 2 and 3 run, then cancel task 3 (running) and task 1 of the held array (pending).
until [[ $(squeue --array --noheader --jobs="${array}_2,${array}_3" --states=RUNNING --format=%i | wc -l) -eq 2 ]]; do
  sleep 1
done
scancel "${array}_3" "${held}_1"
sleep 2
squeue_array "$array,$held" >"$OUT/squeue-array-running.txt"
squeue_compact "$array,$held" >"$OUT/squeue-compact-running.txt"
sacct_rows "$array,$held" >"$OUT/sacct-running.txt"

scancel "$held"
until [[ -z $(squeue --noheader --jobs="$array" --format=%i) ]]; do
  sleep 2
done
sleep 2
squeue_array "$array,$held" >"$OUT/squeue-array-final.txt"
sacct_rows "$array,$held" >"$OUT/sacct-final.txt"
sacct --jobs="$array" --noheader --parsable2 --format="$SACCT_FORMAT" >"$OUT/sacct-final-with-steps.txt"

# Pending tasks cancelled one by one vanish from both squeue and sacct; cancelling the rest
# leaves one sacct record for the whole array, with no task list.
partly=$(sbatch --parsable --array=0-5 --begin=now+3600 --output=/dev/null --wrap 'true')
scancel "${partly}_[1-2,4]"
squeue_compact "$partly" >"$OUT/squeue-compact-partly-cancelled.txt"
scancel "$partly"
sleep 2
sacct_rows "$partly" >"$OUT/sacct-cancelled-pending-array.txt"

# An id the controller does not know: squeue fails, sacct prints nothing.
{ squeue --noheader --jobs=999999 --format="$SQUEUE_FORMAT" 2>&1 || echo "exit $?"; } >"$OUT/squeue-unknown-job.txt"
{ sacct_rows 999999 2>&1 || echo "exit $?"; } >"$OUT/sacct-unknown-job.txt"
echo "fixtures written to $OUT (array $array, held $held)"
