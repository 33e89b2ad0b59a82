# 1: single quote inside single quotes, the '\'' idiom
curl -X POST 'http://127.0.0.1:2746/api/v1/events/argo/q' -H 'Content-Type: application/json' -d '{"name":"O'\''Brien"}'
# 2: double quotes with escapes, $ kept literally, backtick escaped
curl -XPOST "http://127.0.0.1:2746/api/v1/events/argo/dq" -H"X-Token: \$HOME \`x\`" -d "{\"a\":\"b\\\\c\"}"
# 3: --data-binary @file keeps newlines; -d @file strips them
curl --url http://127.0.0.1:2746/api/v1/events/argo/file --data-binary @body.json -H 'Content-Type: application/json'
curl http://127.0.0.1:2746/api/v1/events/argo/file2 -d @form.txt
# 4: --data-urlencode forms, several -d joined with &
curl http://127.0.0.1:2746/api/v1/events/argo/enc --data-urlencode 'msg=a b&c' --data-urlencode '=x y' -d z=1
# 5: -u user:pass, -sSLk cluster, -H 'Content-Type:' removes curl's default
curl -sSLk -u alice:s3cr3t -H 'Content-Type:' http://127.0.0.1:2746/api/v1/events/argo/basic -d '{}'
# 6: --json, -X post lower-case
curl -X post --json '{"k":[1,2]}' http://127.0.0.1:2746/api/v1/events/argo/json
# 7: a GET (-G turns data into a query)
curl -G http://127.0.0.1:2746/api/v1/events/argo/get -d a=1
# 8: %2F in the discriminator splits the path
curl http://127.0.0.1:2746/api/v1/events/argo/a%2Fb -d '{}'
# 9: missing file
curl http://127.0.0.1:2746/api/v1/events/argo/missing --data-binary @does-not-exist.json
# 10: empty discriminator and a comment after the command
curl http://127.0.0.1:2746/api/v1/events/argo/ -d '{"x":1}' # trailing comment
# 11: ANSI-C hex and octal escapes
curl http://127.0.0.1:2746/api/v1/events/argo/ansi --data-raw $'\x41\102\u00e9\n'
# 12: a command after the others
curl http://127.0.0.1:2746/api/v1/events/argo/after -d '{"ok":true}'
# 13: an unterminated quote at the end: reported with its position
curl http://127.0.0.1:2746/api/v1/events/argo/bad -d '{"open":
