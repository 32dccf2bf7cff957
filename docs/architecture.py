"""Source of docs/architecture.png. Regenerate with `make docs` (needs Graphviz's `dot`).

Dashed edges and "(toggle)" labels mark parts the Terraform variables switch on or off.
"""

from __future__ import annotations

from pathlib import Path

from diagrams import Cluster, Diagram, Edge
from diagrams.aws.compute import ECR, ECS, Fargate
from diagrams.aws.network import ALB, CloudFront, Endpoint, InternetGateway, NATGateway
from diagrams.aws.security import WAF, IAMRole, SecretsManager
from diagrams.aws.storage import S3
from diagrams.onprem.ci import GithubActions
from diagrams.onprem.client import Users

OUT = Path(__file__).with_suffix("")
GRAPH = {"fontsize": "20", "pad": "1.0", "splines": "spline", "nodesep": "0.6", "ranksep": "0.9"}


def build() -> None:
    with Diagram("iac-template on AWS", filename=str(OUT), outformat="png", show=False, graph_attr=GRAPH):
        users = Users("clients")
        edge = CloudFront("CloudFront\n(toggle: enable_cloudfront)")
        waf = WAF("WAFv2 rate limit +\nmanaged rules (toggle)")

        with Cluster("GitHub"):
            actions = GithubActions("deploy.yml\n(OIDC, no static keys)")

        with Cluster("core stack"):
            deploy_role = IAMRole("deploy role\n(this repo, production env, main)")
            ecr = ECR("ECR\n(immutable tags)")
            bucket = S3("model bucket\n(versioned, TLS-only)")
            secret = SecretsManager("API key secret")
            with Cluster("VPC (>= 2 AZs)"):
                igw = InternetGateway("internet gateway")
                with Cluster("public subnets"):
                    alb = ALB("ALB\nHTTP->HTTPS, TLS >= 1.2")
                    nat = NATGateway("NAT (toggle)")
                with Cluster("private subnets"):
                    endpoints = Endpoint("VPC endpoints\n(S3, ECR, logs,\nsecrets, STS)")
                    with Cluster("workload stack: ECS service (no public IP)"):
                        tasks = [Fargate("task (non-root,\nread-only FS)"), Fargate("task")]
                    service = ECS("service: circuit breaker,\nautoscaling")

        users >> edge >> Edge(label="secret origin header") >> alb
        users >> Edge(style="dashed", label="direct when CloudFront is off") >> igw >> alb
        waf - Edge(style="dashed") - alb
        alb >> Edge(label="app port\n(ALB SG only)") >> tasks[0]
        alb >> tasks[1]
        service - tasks
        tasks[0] >> endpoints
        tasks[1] >> endpoints
        endpoints >> [ecr, bucket, secret]
        tasks[0] >> Edge(style="dotted", label="egress (toggle)") >> nat
        actions >> Edge(label="AssumeRoleWithWebIdentity") >> deploy_role
        deploy_role >> Edge(label="push image :<sha>") >> ecr
        deploy_role >> Edge(label="terraform apply workload\n-var image_tag=<sha>") >> service


if __name__ == "__main__":
    build()
