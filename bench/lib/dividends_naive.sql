-- The naive design bench/dividends.sh compares pay_dividends with: one
-- posting per holder per payment.  A PL/pgSQL loop over the user holders
-- of the asset credits each its exact pro-rata share of the payment,
-- rounded by the largest remainder (floor of amount * held / shares, then
-- one more base unit to the holders with the largest remainders until the
-- whole payment is handed out), exact numeric; the credits must sum to the
-- payment.  Postings go to a table of their own (bench.naive_postings) and
-- balances to bench.naive_balances: what a journal of per-holder credits
-- would write, without the core's checks, which only make it slower.
CREATE TABLE bench.naive_postings (
    ref text NOT NULL,
    account creative_defi.eth_address NOT NULL,
    amount numeric NOT NULL
);
CREATE TABLE bench.naive_balances (
    account creative_defi.eth_address NOT NULL,
    asset creative_defi.asset NOT NULL,
    amount numeric NOT NULL,
    PRIMARY KEY (account, asset)
);

CREATE FUNCTION bench.naive_pay_dividends(p_asset creative_defi.asset, p_currency creative_defi.asset,
                                          p_amount numeric, p_ref text) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
    v_shares numeric;
    v_left numeric;
    v_credited numeric := 0;
    v_share numeric;
    r record;
BEGIN
    SELECT sum(h.amount) INTO v_shares FROM creative_defi.ledger_holdings h
     WHERE h.asset OPERATOR(creative_defi.=) p_asset AND h.kind = 'user' AND h.amount > 0;
    -- the units the floors leave over, one each to the largest remainders
    SELECT p_amount - sum(div(p_amount * h.amount, v_shares)) INTO v_left FROM creative_defi.ledger_holdings h
     WHERE h.asset OPERATOR(creative_defi.=) p_asset AND h.kind = 'user' AND h.amount > 0;
    FOR r IN SELECT h.account, div(p_amount * h.amount, v_shares) AS floor_share, mod(p_amount * h.amount, v_shares) AS remainder
               FROM creative_defi.ledger_holdings h
              WHERE h.asset OPERATOR(creative_defi.=) p_asset AND h.kind = 'user' AND h.amount > 0
              ORDER BY remainder DESC, h.account LOOP
        v_share := r.floor_share;
        IF v_left > 0 THEN
            v_share := v_share + 1;
            v_left := v_left - 1;
        END IF;
        CONTINUE WHEN v_share = 0;
        INSERT INTO bench.naive_postings (ref, account, amount) VALUES (p_ref, r.account, v_share);
        INSERT INTO bench.naive_balances AS b (account, asset, amount) VALUES (r.account, p_currency, v_share)
        ON CONFLICT (account, asset) DO UPDATE SET amount = b.amount + v_share;
        v_credited := v_credited + v_share;
    END LOOP;
    IF v_credited <> p_amount THEN
        RAISE EXCEPTION 'naive dividends: credited % of a payment of %', v_credited, p_amount;
    END IF;
    RETURN v_credited;
END
$$;
