/* `npm run bench:warehouse [rows]`: the warehouse part of the bench alone (default ten million rows). */
import { warehouseBench } from './warehouse';

warehouseBench(process.argv[2] ? Number(process.argv[2]) : undefined).then(
  (r) => console.log(JSON.stringify(r, null, 2)),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
