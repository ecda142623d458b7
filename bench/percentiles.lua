-- wrk prints 50/75/90/99 %; the issue's targets speak of p95. Printed after wrk's own report.
done = function(summary, latency, requests)
  io.write(string.format("p95: %.2fms\n", latency:percentile(95) / 1000))
end
