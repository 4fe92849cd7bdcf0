-- When the user came into being on the platform (user.profile.v1 created_at): a join cannot be dated
-- before it. Null until the user's next profile event (unknown: no such bound).
alter table member_profile add column created_at timestamptz;
