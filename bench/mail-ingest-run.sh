# Sourced by bench/mail-ingest.sh (through http-load.sh's AFTER_LOAD) while the app runs on the seeded desk: makes the
# token, writes the mails, posts them at each concurrency and prints messages per second.

ingest_dir="$WORK/ingest-$LABEL"; rm -rf "$ingest_dir"; mkdir -p "$ingest_dir"
token=$(env RIGHTHAND_DATA_DIR="$data" "${run_env[@]}" "$PUBLISH/righthand" tokens create --name "mail bench" --role IT --scope support.inbound \
  2>"$ingest_dir/token.log" | tail -1)
[ -n "$token" ] || { echo "no token (see $ingest_dir/token.log)" >&2; exit 1; }

# Seeded mail tickets to answer: number, requester address, the Message-ID of their last mail.
threads_sql="SELECT t.number, t.requester_email, max(m.mail_message_id) FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
  WHERE t.channel = 1 AND m.mail_message_id IS NOT NULL GROUP BY t.number, t.requester_email ORDER BY t.number DESC LIMIT 5000"
if [ "${ENGINE:-sqlite}" = postgres ]; then
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U rh -d bench -qAt -F $'\t' -c "$threads_sql" > "$ingest_dir/threads.tsv"
else
  sqlite3 -separator $'\t' "$data/righthand.db" "$threads_sql" > "$ingest_dir/threads.tsv"
fi

# CPU ticks (1/100 s) of the app, plus on PostgreSQL of the cluster's server processes: load-independent cost per mail.
ingest_cpu() {
  local ticks; ticks=$(awk '{ print $14 + $15 }' "/proc/$app_pid/stat")
  if [ "${ENGINE:-sqlite}" = postgres ]; then
    for p in $(ps -o pid= --ppid "$(head -1 "$PG_ROOT/data/postmaster.pid")"); do
      ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  fi
  echo "$ticks"
}

{
  echo "## mail ingestion $(date -u +%FT%TZ), $MESSAGES mails per concurrency, $(wc -l < "$ingest_dir/threads.tsv") threads to answer, load1 $(cut -d' ' -f1 /proc/loadavg)"
  for c in $CONCURRENCY; do
    cpu0=$(ingest_cpu)
    python3 - "$URL" "$token" "$ingest_dir" "$MESSAGES" "$c" <<'PY'
import base64, collections, concurrent.futures, http.client, json, os, random, sys, threading, time, urllib.parse
url, token, folder, count, senders = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(senders * 7919)
threads = [line.rstrip("\n").split("\t") for line in open(os.path.join(folder, "threads.tsv")) if line.strip()]
de = ["ich habe meine Rechnung für dieses Jahr noch nicht erhalten.", "Der Beitrag wurde doppelt abgebucht.",
      "Bitte schicken Sie mir eine Spendenquittung.", "Meine neue IBAN steht unten.", "Ich möchte meine Mitgliedschaft kündigen.",
      "Das Passwort für das Portal funktioniert nicht.", "Wann ist die nächste Mitgliederversammlung?", "Meine Adresse hat sich geändert.",
      "Die Lastschrift ist zurückgegangen.", "Vielen Dank für die schnelle Antwort!", "Das Problem besteht leider weiterhin."]
en = ["I have not received my invoice yet.", "My fee was charged twice.", "Could you send me a donation receipt?",
      "I would like to cancel my membership.", "I cannot log in to the portal.", "When is the next general meeting?",
      "Thanks for the quick reply!", "The problem still persists."]
subjects = ["Rechnung fehlt", "Beitrag doppelt abgebucht", "Spendenquittung", "Kündigung", "Passwort vergessen", "Adressänderung",
            "Invoice missing", "Charged twice", "Cannot log in", "Change of address"]
names = ["Anna Müller", "Ben Schmidt", "Clara Weber", "Jonas Koch", "Emily Brown", "James Taylor", "Greta Krüger", "Paul Fischer"]

def mail(n):
    run = f"c{senders}.{n}.{os.getpid()}"
    kind = rng.random()
    lang = en if rng.random() < 0.25 else de
    body = "\r\n".join(["Hallo," if lang is de else "Hello,", ""] + rng.sample(lang, 3) + ["", "Viele Grüße" if lang is de else "Kind regards", rng.choice(names)])
    headers = {"Message-ID": f"<{run}@mail.bench.example.org>", "Date": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
               "MIME-Version": "1.0", "To": "support@verein.example.org"}
    if kind < 0.25 and threads:
        number, address, last = rng.choice(threads)
        headers.update({"From": address, "Subject": f"Re: Ihre Anfrage [#{number}]", "In-Reply-To": last, "References": last})
    elif kind < 0.35 and threads:
        number, address, _ = rng.choice(threads)
        headers.update({"From": address, "Subject": f"Nachtrag [#{number}]"})
    else:
        who = rng.choice(names)
        address = f"{who.split()[0].lower()}.{rng.randint(1, 200000)}@example.org" if rng.random() < 0.7 else f"kontakt{rng.randint(1, 99999)}@example.net"
        headers.update({"From": f"{who} <{address}>", "Subject": rng.choice(subjects)})
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    if kind >= 0.90:
        blob = base64.encodebytes(b"%PDF-1.4\n" + os.urandom(rng.randint(20_000, 120_000))).decode().replace("\n", "\r\n")
        text = body.encode("utf-8")
        html = "<p>" + body.replace("\r\n", "<br>") + "</p>"
        alt = ("--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
               + "\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--alt--\r\n")
        raw = (head + 'Content-Type: multipart/mixed; boundary="mix"\r\n\r\n--mix\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n' + alt
               + '--mix\r\nContent-Type: application/pdf; name="Beleg.pdf"\r\nContent-Disposition: attachment; filename="Beleg.pdf"\r\n'
               + "Content-Transfer-Encoding: base64\r\n\r\n" + blob + "--mix--\r\n")
    else:
        raw = head + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
    return raw.encode("utf-8")

mails = [mail(n) for n in range(count)]
size = sum(len(m) for m in mails)
target = urllib.parse.urlparse(url)
local = threading.local()
outcomes = collections.Counter()
latencies = []
lock = threading.Lock()

def post(raw):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    started = time.perf_counter()
    try:
        local.conn.request("POST", "/api/v1/inbound-mail", body=raw, headers={"Authorization": "Bearer " + token, "Content-Type": "message/rfc822"})
        response = local.conn.getresponse()
        answer = response.read()
        outcome = json.loads(answer)["outcome"] if response.status == 200 else f"HTTP {response.status}"
    except Exception as e:  # a dropped connection counts as an error and is opened again
        local.conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        outcome = type(e).__name__
    with lock:
        outcomes[outcome] += 1
        latencies.append(time.perf_counter() - started)

started = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(senders) as pool:
    list(pool.map(post, mails))
elapsed = time.perf_counter() - started
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000
print(f"concurrency {senders}: {count} mails ({size / 1e6:.1f} MB) in {elapsed:.1f} s = {count / elapsed:.1f} mails/s; "
      f"latency p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, p99 {p(0.99):.1f} ms; outcomes {dict(outcomes)}")
PY
    cpu1=$(ingest_cpu)
    echo "   CPU per mail: $(echo "scale=1; ($cpu1 - $cpu0) * 10 / $MESSAGES" | bc) ms (app$([ "${ENGINE:-sqlite}" = postgres ] && echo " + PostgreSQL backends"); load1 after: $(cut -d' ' -f1 /proc/loadavg))"
  done
} | tee "$WORK/$LABEL.txt" >&2
