#!/usr/bin/env bash
# Each page of issue 20's rows that misses its target, profiled function by function
# (scripts/bench/where_time_goes.py --lines), written to docs/profiles.md.
#
#   PGHOST=$PWD/var/pg/run PGUSER=postgres PGDATABASE=new_bench bash scripts/bench/profiles.sh
#
# PGDATABASE is a benchmark database (scripts/benchmark.sh fills one); the officers, the job
# seeker and the employer are the ones the benchmark logs in as.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${PROFILES_OUT:-docs/profiles.md}
n=${PROFILES_N:-100}
vacancy=$(psql -tAc "SELECT id FROM jobboard_vacancy WHERE status = 'published' ORDER BY id LIMIT 1")

pages=(
  "vacancy search, uncached (2 filters)|/loker/?q=las&education=SMA&work_type=full_time&r=1|"
  "vacancy search by one word, no filter, uncached|/loker/?q=operator&r=1|"
  "vacancy search as a logged-in job seeker|/loker/?q=las&education=SMA&work_type=full_time|--user bench-seeker50"
  "vacancy detail, uncached|/loker/lowongan/$vacancy/?r=1|"
  "vacancy detail as a logged-in job seeker|/loker/lowongan/$vacancy/|--user bench-seeker50"
  "complaint status check (POST, found)|/pengaduan/status/|--status-check"
  "job seeker's account page|/akun/|--user bench-seeker50"
  "job seeker's applications|/loker/akun/lamaran/|--user bench-seeker50"
  "employer's job-seeker search|/loker/perusahaan/pencari-kerja/?q=operator|--user bench-employer1"
  "admin: waiting job seekers|/admin/jobboard/jobseeker/?status__exact=waiting|--user bench-officer"
  "admin: vacancies|/admin/jobboard/vacancy/|--user bench-officer"
  "admin: complaints as Kepala Seksi|/admin/complaints/complaint/|--user bench-kasi"
  "admin: AKAD permits as Sekretariat|/admin/akad_permits/permitapplication/|--user bench-sekretariat"
)

{
  echo "# Where each page's time goes, function by function"
  echo
  echo "Made by \`scripts/bench/profiles.sh\` on $(date -u +%Y-%m-%d) (database \`${PGDATABASE}\`,"
  echo "$n requests a page after five to warm up, in one process under cProfile). Each table"
  echo "lists the functions with the most time of their own (not counting what they call), per"
  echo "request: the profiler roughly doubles a page's time, so compare shares, not milliseconds,"
  echo "with the benchmark. What the pages' figures mean is in docs/performance.md (\"Issue 20's"
  echo "targets\")."
  for entry in "${pages[@]}"; do
    IFS="|" read -r title path options <<<"$entry"
    echo
    echo "## $title"
    echo
    # shellcheck disable=SC2086  # the options are words
    .venv/bin/python scripts/bench/where_time_goes.py "$path" -n "$n" --lines 15 $options |
      sed -e "1s|^\(.*\)\$|\`\1\`|"
  done
} >"$out.new"
mv "$out.new" "$out"
echo "written: $out"
