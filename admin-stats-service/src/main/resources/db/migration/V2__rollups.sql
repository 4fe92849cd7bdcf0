-- Per user and local day: what every admin dashboard reads (joined with membership), never raw events.
create table member_day (
    user_id          text    not null,
    day              date    not null,
    learning_seconds bigint  not null default 0,
    sessions         integer not null default 0,
    score_sum        bigint  not null default 0,
    score_count      integer not null default 0,
    primary key (user_id, day)
);
