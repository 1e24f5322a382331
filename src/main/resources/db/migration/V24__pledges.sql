-- Capacity pledges: what each instance offers to carry for others, ours (host = our own) and those
-- its peers publish on their instance actor (the Tandem `pledge` extension). Sizes in bytes;
-- `egress_capacity_bytes_per_month` is the instance's own monthly egress capacity (0: unknown);
-- costs are optional (null: not declared), in `currency` per GB of egress and per GB-month stored.
CREATE TABLE pledges (
    host TEXT PRIMARY KEY,
    storage_bytes BIGINT NOT NULL,
    egress_bytes_per_month BIGINT NOT NULL,
    egress_capacity_bytes_per_month BIGINT NOT NULL DEFAULT 0,
    currency TEXT,
    cost_per_gb_egress DOUBLE PRECISION,
    cost_per_gb_month_storage DOUBLE PRECISION,
    updated_at BIGINT NOT NULL
);
