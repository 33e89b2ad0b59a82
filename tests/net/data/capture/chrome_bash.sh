curl 'https://argo.example.com/api/v1/events/ci/github' \
  -H 'authority: argo.example.com' \
  -H 'accept: */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'content-type: application/json' \
  -H 'cookie: authorization=Bearer%20abc; other=1' \
  -H $'x-note: it\'s \u00e9t\u00e9' \
  --data-raw $'{"msg":"line1\\nline2","quote":"it\'s","tab":"\t"}' \
  --compressed
