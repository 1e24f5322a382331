#!/usr/bin/env bash
# Mirror pool: a deterministic simulation (seeded) of a week, hour by hour, driving Tandem's real
# Planner (src/main/java/tandem/mirror/pool, pure Java, compiled here with pool/PoolSim.java; no jar,
# no instance). A pool of INSTANCES members with varied capacities and pledges, VIDEOS videos with Zipf
# popularity and a daily curve. Compares (a) no mirrors, (b) PeerTube's most-views (each member mirrors
# the most viewed videos of others up to its storage pledge), (c1) Tandem's planner with each member
# judging alone (round 1), (c) the pool plan: every Tandem member computes the same pool-wide assignment
# from the published pledges and the origins' reports (demand and mirror hosts per video) and carries out
# its part (PeerTube members of the pool still run most-views in (c1) and (c)); same storage and egress
# pledges per member. Prints per strategy the total origin overload (bytes beyond each origin's capacity,
# summed over hours), the share of demand served within capacity, the churn (copies added, evicted), the
# ratio (c)/(b) (target <= 0.5), and the planner's CPU time per re-plan at INSTANCES and 10x INSTANCES.
# The traffic model is printed with the figures.
# Env: INSTANCES (20), VIDEOS (2000), SEED (42), DEBUG (set: also eviction reasons counted, overload per origin,
# bytes mirrors could not serve), JOPTS (extra JVM options).
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

INSTANCES="${INSTANCES:-20}"; VIDEOS="${VIDEOS:-2000}"; SEED="${SEED:-42}"
WORK="$(mktemp -d /tmp/tandem-bench-pool.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

P="$REPO_DIR/src/main/java/tandem/mirror/pool"
# The planner's pure files only (the rest of the package is the job and its stores, which need the app).
PLANNER=(Planner PlanInput VideoLoad OriginLoad PoolMember Placement Action PoolAssignment)
"$JAVA_HOME/bin/javac" -d "$WORK" $(printf "$P/%s.java " "${PLANNER[@]}") pool/PoolSim.java
"$JAVA" ${JOPTS:-} -cp "$WORK" PoolSim "$INSTANCES" "$VIDEOS" "$SEED"
