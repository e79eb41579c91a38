#!/bin/bash
# Usage: RUN=$PWD/runs/001 COUNT=100000 SEED=42 deploy/slurm/submit.sh
set -euo pipefail
: "${RUN:?set RUN to a shared folder}"
mkdir -p logs "$RUN"
generate=$(sbatch --parsable --export=ALL deploy/slurm/generate.sbatch)
sbatch --dependency=afterok:"${generate%%;*}" --export=ALL deploy/slurm/merge.sbatch
