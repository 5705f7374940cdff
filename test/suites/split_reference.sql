-- An independent implementation of split_distribute's rule in PL/pgSQL
-- (shared by test/suites/split_properties.sh, which checks the C function
-- against it, and bench/splits.sh, which uses it as the baseline).
-- It reads the split only through the accessors and does the arithmetic in
-- numeric: fee = floor(amount * fee / 1e6); each recipient
-- floor(net * share / 1e6); the leftover units one each by larger
-- remainder, then larger share, then lower address; the fee row last with
-- a NULL recipient when the split has a fee.
CREATE FUNCTION pg_temp.ref_split_distribute(split creative_defi.royalty_split, total numeric)
RETURNS TABLE (recipient creative_defi.eth_address, amount numeric)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    addrs creative_defi.eth_address[] := creative_defi.split_recipients(split);
    n int := cardinality(addrs);
    fee_ppm numeric := creative_defi.split_distributor_fee(split);
    fee numeric := div(total * fee_ppm, 1000000);
    net numeric := total - fee;
    shares numeric[];
    floors numeric[];
    rems numeric[];
    leftover numeric := total - fee;
    order_idx int[];
BEGIN
    FOR i IN 1..n LOOP
        shares[i] := creative_defi.split_share(split, addrs[i]);
        floors[i] := div(net * shares[i], 1000000);
        rems[i] := mod(net * shares[i], 1000000);
        leftover := leftover - floors[i];
    END LOOP;
    SELECT array_agg(i ORDER BY rems[i] DESC, shares[i] DESC, addrs[i]) INTO order_idx
      FROM generate_series(1, n) AS i;
    FOR j IN 1..leftover LOOP
        floors[order_idx[j]] := floors[order_idx[j]] + 1;
    END LOOP;
    FOR i IN 1..n LOOP
        recipient := addrs[i];
        amount := floors[i];
        RETURN NEXT;
    END LOOP;
    IF fee_ppm > 0 THEN
        recipient := NULL;
        amount := fee;
        RETURN NEXT;
    END IF;
END
$$;
