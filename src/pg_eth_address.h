/*
 * pg_eth_address.h - the eth_address SQL type: 20 bytes, fixed length
 */
#ifndef ETH_ADDRESS_TYPE_H
#define ETH_ADDRESS_TYPE_H

#include "postgres.h"

#include "fmgr.h"

#include "core/eth_address.h"

typedef struct EthAddress
{
	uint8		bytes[CD_ETH_ADDRESS_LEN];
} EthAddress;

#define DatumGetEthAddressP(X)	((EthAddress *) DatumGetPointer(X))
#define EthAddressPGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_ETH_ADDRESS_P(n) DatumGetEthAddressP(PG_GETARG_DATUM(n))
#define PG_RETURN_ETH_ADDRESS_P(x) return EthAddressPGetDatum(x)

/* A palloc'd eth_address holding bytes. */
extern EthAddress *eth_address_from_bytes(const uint8 *bytes);

#endif							/* ETH_ADDRESS_TYPE_H */
