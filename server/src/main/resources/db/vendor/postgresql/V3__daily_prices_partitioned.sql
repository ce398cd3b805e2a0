-- PostgreSQL only: daily_prices range-partitioned by year (V2 created it as a plain, still empty table).
DROP TABLE daily_prices;
CREATE TABLE daily_prices (
    asset_id   BIGINT           NOT NULL,
    trade_date DATE             NOT NULL,
    open       DOUBLE PRECISION NOT NULL,
    high       DOUBLE PRECISION NOT NULL,
    low        DOUBLE PRECISION NOT NULL,
    close      DOUBLE PRECISION NOT NULL,
    volume     DOUBLE PRECISION NOT NULL,
    adj_factor DOUBLE PRECISION NOT NULL DEFAULT 1,
    CONSTRAINT pk_daily_prices PRIMARY KEY (asset_id, trade_date)
) PARTITION BY RANGE (trade_date);

CREATE TABLE daily_prices_before_1990 PARTITION OF daily_prices FOR VALUES FROM (MINVALUE) TO ('1990-01-01');
CREATE TABLE daily_prices_1990 PARTITION OF daily_prices FOR VALUES FROM ('1990-01-01') TO ('1991-01-01');
CREATE TABLE daily_prices_1991 PARTITION OF daily_prices FOR VALUES FROM ('1991-01-01') TO ('1992-01-01');
CREATE TABLE daily_prices_1992 PARTITION OF daily_prices FOR VALUES FROM ('1992-01-01') TO ('1993-01-01');
CREATE TABLE daily_prices_1993 PARTITION OF daily_prices FOR VALUES FROM ('1993-01-01') TO ('1994-01-01');
CREATE TABLE daily_prices_1994 PARTITION OF daily_prices FOR VALUES FROM ('1994-01-01') TO ('1995-01-01');
CREATE TABLE daily_prices_1995 PARTITION OF daily_prices FOR VALUES FROM ('1995-01-01') TO ('1996-01-01');
CREATE TABLE daily_prices_1996 PARTITION OF daily_prices FOR VALUES FROM ('1996-01-01') TO ('1997-01-01');
CREATE TABLE daily_prices_1997 PARTITION OF daily_prices FOR VALUES FROM ('1997-01-01') TO ('1998-01-01');
CREATE TABLE daily_prices_1998 PARTITION OF daily_prices FOR VALUES FROM ('1998-01-01') TO ('1999-01-01');
CREATE TABLE daily_prices_1999 PARTITION OF daily_prices FOR VALUES FROM ('1999-01-01') TO ('2000-01-01');
CREATE TABLE daily_prices_2000 PARTITION OF daily_prices FOR VALUES FROM ('2000-01-01') TO ('2001-01-01');
CREATE TABLE daily_prices_2001 PARTITION OF daily_prices FOR VALUES FROM ('2001-01-01') TO ('2002-01-01');
CREATE TABLE daily_prices_2002 PARTITION OF daily_prices FOR VALUES FROM ('2002-01-01') TO ('2003-01-01');
CREATE TABLE daily_prices_2003 PARTITION OF daily_prices FOR VALUES FROM ('2003-01-01') TO ('2004-01-01');
CREATE TABLE daily_prices_2004 PARTITION OF daily_prices FOR VALUES FROM ('2004-01-01') TO ('2005-01-01');
CREATE TABLE daily_prices_2005 PARTITION OF daily_prices FOR VALUES FROM ('2005-01-01') TO ('2006-01-01');
CREATE TABLE daily_prices_2006 PARTITION OF daily_prices FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
CREATE TABLE daily_prices_2007 PARTITION OF daily_prices FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
CREATE TABLE daily_prices_2008 PARTITION OF daily_prices FOR VALUES FROM ('2008-01-01') TO ('2009-01-01');
CREATE TABLE daily_prices_2009 PARTITION OF daily_prices FOR VALUES FROM ('2009-01-01') TO ('2010-01-01');
CREATE TABLE daily_prices_2010 PARTITION OF daily_prices FOR VALUES FROM ('2010-01-01') TO ('2011-01-01');
CREATE TABLE daily_prices_2011 PARTITION OF daily_prices FOR VALUES FROM ('2011-01-01') TO ('2012-01-01');
CREATE TABLE daily_prices_2012 PARTITION OF daily_prices FOR VALUES FROM ('2012-01-01') TO ('2013-01-01');
CREATE TABLE daily_prices_2013 PARTITION OF daily_prices FOR VALUES FROM ('2013-01-01') TO ('2014-01-01');
CREATE TABLE daily_prices_2014 PARTITION OF daily_prices FOR VALUES FROM ('2014-01-01') TO ('2015-01-01');
CREATE TABLE daily_prices_2015 PARTITION OF daily_prices FOR VALUES FROM ('2015-01-01') TO ('2016-01-01');
CREATE TABLE daily_prices_2016 PARTITION OF daily_prices FOR VALUES FROM ('2016-01-01') TO ('2017-01-01');
CREATE TABLE daily_prices_2017 PARTITION OF daily_prices FOR VALUES FROM ('2017-01-01') TO ('2018-01-01');
CREATE TABLE daily_prices_2018 PARTITION OF daily_prices FOR VALUES FROM ('2018-01-01') TO ('2019-01-01');
CREATE TABLE daily_prices_2019 PARTITION OF daily_prices FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE daily_prices_2020 PARTITION OF daily_prices FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE daily_prices_2021 PARTITION OF daily_prices FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE daily_prices_2022 PARTITION OF daily_prices FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE daily_prices_2023 PARTITION OF daily_prices FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE daily_prices_2024 PARTITION OF daily_prices FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE daily_prices_2025 PARTITION OF daily_prices FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE daily_prices_2026 PARTITION OF daily_prices FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE daily_prices_2027 PARTITION OF daily_prices FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE TABLE daily_prices_2028 PARTITION OF daily_prices FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
CREATE TABLE daily_prices_2029 PARTITION OF daily_prices FOR VALUES FROM ('2029-01-01') TO ('2030-01-01');
CREATE TABLE daily_prices_2030 PARTITION OF daily_prices FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
CREATE TABLE daily_prices_2031 PARTITION OF daily_prices FOR VALUES FROM ('2031-01-01') TO ('2032-01-01');
CREATE TABLE daily_prices_2032 PARTITION OF daily_prices FOR VALUES FROM ('2032-01-01') TO ('2033-01-01');
CREATE TABLE daily_prices_2033 PARTITION OF daily_prices FOR VALUES FROM ('2033-01-01') TO ('2034-01-01');
CREATE TABLE daily_prices_2034 PARTITION OF daily_prices FOR VALUES FROM ('2034-01-01') TO ('2035-01-01');
CREATE TABLE daily_prices_2035 PARTITION OF daily_prices FOR VALUES FROM ('2035-01-01') TO ('2036-01-01');
CREATE TABLE daily_prices_2036 PARTITION OF daily_prices FOR VALUES FROM ('2036-01-01') TO ('2037-01-01');
CREATE TABLE daily_prices_2037 PARTITION OF daily_prices FOR VALUES FROM ('2037-01-01') TO ('2038-01-01');
CREATE TABLE daily_prices_2038 PARTITION OF daily_prices FOR VALUES FROM ('2038-01-01') TO ('2039-01-01');
CREATE TABLE daily_prices_2039 PARTITION OF daily_prices FOR VALUES FROM ('2039-01-01') TO ('2040-01-01');
CREATE TABLE daily_prices_2040 PARTITION OF daily_prices FOR VALUES FROM ('2040-01-01') TO ('2041-01-01');
CREATE TABLE daily_prices_after_2040 PARTITION OF daily_prices FOR VALUES FROM ('2041-01-01') TO (MAXVALUE);

-- the primary key (asset_id, trade_date) serves every query: one asset's history, the upsert of an import;
-- the API reads bars from the in-memory panel, so no further index slows the bulk loads down

-- the staging table of imports holds only rows of open transactions: no need to write it to the WAL
ALTER TABLE import_stage_prices SET UNLOGGED;
