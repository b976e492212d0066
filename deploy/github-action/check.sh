#!/usr/bin/env bash
# The step of action.yml (the repository's GitHub Action) that runs meshsim check: the inputs
# arrive as INPUT_* variables, meshsim is the one built in GITHUB_ACTION_PATH. Writes the JUnit
# XML and the Markdown table beside the results, appends the table to the job summary, and exits
# with meshsim check's code (0 passed, 3 failed, 2 bad input).
set -uo pipefail

meshsim=(node "${GITHUB_ACTION_PATH:?}/dist/src/cli/main.js")
results="${INPUT_RESULTS:-meshsim-results.json}"
junit="meshsim-junit.xml"
markdown="meshsim-check.md"

args=(check "${INPUT_SCENARIO:?the scenario input is required}" --junit "$junit" --markdown "$markdown" --save-results "$results")
if [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi
if [ -n "${INPUT_MAX_REGRESSION:-}" ]; then args+=(--max-regression "$INPUT_MAX_REGRESSION"); fi
while IFS= read -r threshold; do
  threshold="${threshold#"${threshold%%[![:space:]]*}"}"
  threshold="${threshold%"${threshold##*[![:space:]]}"}"
  if [ -n "$threshold" ]; then args+=(--threshold "$threshold"); fi
done <<< "${INPUT_THRESHOLDS:-}"
# Run flags are words (--mesh none,istio --rps 300): split on whitespace, never glob.
read -r -a flags <<< "${INPUT_RUN_FLAGS:-}"
args+=("${flags[@]}")

"${meshsim[@]}" "${args[@]}"
status=$?
if [ -f "$markdown" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$markdown" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "markdown=$markdown" >> "$GITHUB_OUTPUT"
  echo "junit=$junit" >> "$GITHUB_OUTPUT"
fi
exit "$status"
