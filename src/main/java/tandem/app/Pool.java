package tandem.app;

import tandem.core.Config;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.Signers;
import tandem.job.JobQueue;
import tandem.mirror.MirrorStore;
import tandem.mirror.pool.Pledges;
import tandem.mirror.pool.PledgeStore;
import tandem.mirror.pool.PoolJobs;
import tandem.mirror.pool.PoolPlan;
import tandem.mirror.pool.PoolStore;
import tandem.mirror.pool.PoolView;
import tandem.mirror.pool.Pressure;
import tandem.mirror.pool.PressureClient;

/**
 * The pool half of the composition root: capacity pledges (built before the federation, which
 * publishes ours and reads peers'), origin pressure, the pool view and the planning job.
 */
record Pool(Pledges pledges, Pressure pressure, PoolView view, PoolPlan plan) {
    static Pledges pledges(Config config, Platform p, Federation.Local local) {
        return new Pledges(new PledgeStore(p.db().jdbi()), p.db().transactions(), local.events(), p.jobs(), p.mapper(), config.publicHost(), p.clock());
    }

    static Pool wire(Platform p, Pledges pledges, LocalActors local, Federation federation, Mirrors mirrors) {
        var jdbi = p.db().jdbi();
        PoolStore store = new PoolStore(jdbi);
        Pressure pressure = new Pressure(jdbi, pledges, local, p.clock());
        return new Pool(pledges, pressure, new PoolView(pledges, store),
                new PoolPlan(pledges, store, pressure, new PressureClient(federation.http(), new Signers(), local), new MirrorStore(jdbi), mirrors.service(), p.clock()));
    }

    void registerJobs(Config config, JobQueue jobs) {
        jobs.register(PoolJobs.PLAN, plan);
        jobs.recurring(PoolJobs.PLAN, config.mirrors().poolPlanInterval());
    }
}
