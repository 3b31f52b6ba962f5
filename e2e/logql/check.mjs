// Reads a JSON array of LogQL queries on stdin; prints, as JSON, where each one has syntax errors (empty: none).
// The grammar is the one Grafana's query editor uses (@grafana/lezer-logql), so a query it rejects, Grafana does too.
import { parser } from '@grafana/lezer-logql';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map((query) => {
  const errorsAt = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errorsAt.push(node.from);
    },
  });
  return { query, errorsAt };
});
process.stdout.write(JSON.stringify(results));
