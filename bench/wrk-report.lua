-- wrk -s bench/wrk-report.lua: prints one JSON line of results at the end (latencies in ms).
done = function(summary, latency, requests)
   local s = summary.duration / 1e6
   io.write(string.format(
      '{"label":"wrk-http-1","client":"wrk","requests":%d,"durationS":%.2f,"pollsPerS":%.1f,'
      .. '"p50Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"errors":%d}\n',
      summary.requests, s, summary.requests / s,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
         + summary.errors.timeout))
end
