import type { ClTx } from '../../cl.tx';

/**
 * The database's today: the day the row policies compare care-team assignments with (`cl_is_primary_therapist` uses
 * `current_date`), so an assignment written from it moves access in the next statement whatever the API's clock says.
 */
export async function careTeamToday(tx: ClTx): Promise<Date> {
  const [{ today }] = await tx.$queryRaw<{ today: Date }[]>`SELECT current_date AS today`;
  return today;
}
