"""Service quality: time against the standards, and the satisfaction survey (issue 9).

- The heads' dashboard (/mutu/dasbor/, permission ``quality.view_dashboard``, staff only): for
  a chosen month and the twelve months up to it, per service, figures PostgreSQL computes
  (``percentile_cont`` medians and 90th percentiles, working minutes by the SQL function
  ``quality_working_minutes(office, start, end)``, a closed form reading each office's hours
  and working calendar since migration 0009, equal to portal.working_time's). Each
  table downloads as CSV; four tables are also drawn as SVG bar charts. quality/targets.py
  holds the promises measured against and where each comes from.
- The survey (Permenpan RB 14/2017): quality/signals.py watches the other apps' step logs
  (without editing them) and invites the person once per completed service event; the link
  carries a random token only. One answer per invitation. quality/skm.py has the nine
  elements, the regulation's answers and the index (IKM 25-100, grades A-D).
- The public page (/mutu/): each service's IKM, grade and respondents, and its promised
  against its actual (median) time.
"""
