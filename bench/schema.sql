-- The benchmark's tables, run as-is on PostgreSQL 15 and on IrisPgWire (bench/run.sh).
-- Only types both servers take: integer, bigint, text, date, numeric(12,2), double precision,
-- boolean, timestamp, json.
DROP TABLE IF EXISTS patients;
CREATE TABLE patients (
    PatientID integer,
    FirstName text,
    LastName text,
    DateOfBirth date,
    Gender text,
    Status text,
    AdmissionDate date,
    DischargeDate date
);
DROP TABLE IF EXISTS wide;
CREATE TABLE wide (
    id bigint,
    amount numeric(12,2),
    score double precision,
    note text,
    active boolean,
    created_at timestamp,
    payload json,
    embedding text,
    qty integer,
    code text,
    ship_date date,
    big_count bigint,
    price numeric(12,2),
    ratio double precision,
    label text,
    flag boolean,
    updated_at timestamp,
    city text,
    zip integer,
    remark text
);
