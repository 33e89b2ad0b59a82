# The examples of Argo's docs/events.md, as people paste them.
export ARGO_TOKEN="Bearer $(kubectl get secret jenkins.service-account-token -o=jsonpath='{.data.token}' | base64 --decode)"

curl https://localhost:2746/api/v1/events/argo/ \
    -H "Authorization: $ARGO_TOKEN" \
    -d '{"message": "hello"}'

$ curl https://localhost:2746/api/v1/events/argo/my-discriminator \
    -H "Authorization: $ARGO_TOKEN" \
    -d '{"message": "hello"}'

# no trailing slash: Argo answers 501
curl -s http://localhost:2746/api/v1/events/argo -d '{}'
curl -sk https://localhost:2746/api/v1/workflows/argo   # a GET
