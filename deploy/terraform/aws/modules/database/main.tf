# RDS PostgreSQL for the services that keep state: one database and role per service, each service's credentials in
# its own Secrets Manager secret, rotated without downtime (alternating users), and a one-off ECS task that creates
# the roles and databases (the AWS provider speaks no SQL).

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  major           = split(".", var.engine_version)[0]
  port            = 5432
  master_username = "tabelogo_admin"
  master_secret   = aws_db_instance.this.master_user_secret[0].secret_arn
  rotation_name   = "${var.name}-db-rotation"
  setup_name      = "${var.name}-db-setup"
  # "auth-service" -> "AUTH_SERVICE": the suffix of the setup task's variables holding that service's credentials.
  env_suffix = { for service in keys(var.databases) : service => upper(replace(service, "-", "_")) }
  # Times in UTC: 02:00-03:00 and Sunday 03:30-04:30 in Japan, outside the backup window.
  backup_window      = "17:00-18:00"
  maintenance_window = "sun:18:30-sun:19:30"
  # The application version aws-cdk-lib pins for this rotation template; pinned so a re-create gets the same code.
  rotation_application = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationMultiUser"
  rotation_version     = "1.1.671"
  # Rotated passwords, like the first ones, without punctuation: safe in URLs, shells and psql variables.
  punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
}

# One key for the storage, Performance Insights, the secrets and the logs; CloudWatch Logs may use it only for this
# account's log groups.
resource "aws_kms_key" "this" {
  description         = "${var.name} database: storage, Performance Insights, secrets, logs"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersAndDelegatesThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncryptsThisAccountsLogGroups"
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:*"
          }
        }
      },
    ]
  })
  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-database"
  target_key_id = aws_kms_key.this.key_id
}

# RDS would create these itself on the first export, unencrypted and kept forever.
resource "aws_cloudwatch_log_group" "postgres" {
  for_each          = toset(["postgresql", "upgrade"])
  name              = "/aws/rds/instance/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "${var.name} database: the private subnets"
  subnet_ids  = var.subnet_ids
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_db_parameter_group" "this" {
  name        = "${var.name}-postgres${local.major}"
  family      = "postgres${local.major}"
  description = "${var.name}: timeouts, slow-query log, TLS only"
  tags        = merge(var.tags, { Name = "${var.name}-postgres${local.major}" })

  parameter {
    name  = "statement_timeout"
    value = tostring(var.statement_timeout_ms)
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.slow_query_ms)
  }

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Who connected as which of the alternating users: the trail a credential leak would be traced by.
  parameter {
    name  = "log_connections"
    value = "1"
  }

  # A statement that hits statement_timeout while waiting for a lock says so in the log.
  parameter {
    name  = "log_lock_waits"
    value = "1"
  }

  # A new major version gets a new group before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "this" {
  identifier                            = var.name
  engine                                = "postgres"
  engine_version                        = var.engine_version
  instance_class                        = var.instance_class
  port                                  = local.port
  storage_type                          = "gp3"
  allocated_storage                     = var.allocated_storage
  max_allocated_storage                 = var.max_allocated_storage
  storage_encrypted                     = true
  kms_key_id                            = aws_kms_key.this.arn
  username                              = local.master_username
  manage_master_user_password           = true
  master_user_secret_kms_key_id         = aws_kms_key.this.arn
  db_subnet_group_name                  = aws_db_subnet_group.this.name
  vpc_security_group_ids                = [aws_security_group.database.id]
  publicly_accessible                   = false
  parameter_group_name                  = aws_db_parameter_group.this.name
  ca_cert_identifier                    = "rds-ca-rsa2048-g1"
  multi_az                              = var.multi_az
  deletion_protection                   = var.deletion_protection
  skip_final_snapshot                   = !var.deletion_protection
  final_snapshot_identifier             = var.deletion_protection ? "${var.name}-final" : null
  backup_retention_period               = var.backup_retention_days
  backup_window                         = local.backup_window
  maintenance_window                    = local.maintenance_window
  copy_tags_to_snapshot                 = true
  auto_minor_version_upgrade            = true
  apply_immediately                     = false
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.this.arn
  performance_insights_retention_period = var.performance_insights_retention_days
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  tags                                  = merge(var.tags, { Name = var.name })

  lifecycle {
    precondition {
      condition     = var.max_allocated_storage >= var.allocated_storage
      error_message = "max_allocated_storage must not be below allocated_storage."
    }
  }

  depends_on = [aws_cloudwatch_log_group.postgres]
}

# Security groups: the database admits the services, the rotation function and the setup task, on 5432 only.

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL from the services, the rotation function and the setup task"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_vpc_security_group_ingress_rule" "database_from_client" {
  for_each                     = var.client_security_group_ids
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from ${each.key}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  tags                         = var.tags
}

# The database's two helpers besides the services: AWS's credential rotation function and the one-off setup task.
# Each reaches PostgreSQL and HTTPS beyond the VPC: the rotation function asks the RDS API (DescribeDBInstances, no
# endpoint here) where the instance is, because RDS's master secret holds only a user name and a password; the setup
# task's psql image comes from ECR Public, which has no endpoint. Secrets and logs go to their VPC endpoints.
locals {
  helpers = {
    rotation = "The database credential rotation function"
    setup    = "The one-off database setup task"
  }
}

resource "aws_security_group" "helper" {
  for_each    = local.helpers
  name        = "${var.name}-db-${each.key}"
  description = each.value
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-db-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "database_from_helper" {
  for_each                     = local.helpers
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from ${lower(each.value)}"
  referenced_security_group_id = aws_security_group.helper[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "helper_to_database" {
  for_each                     = local.helpers
  security_group_id            = aws_security_group.helper[each.key].id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "helper_https" {
  for_each          = local.helpers
  security_group_id = aws_security_group.helper[each.key].id
  description       = "HTTPS to the VPC endpoints and the AWS APIs or ECR Public beyond them"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

# Each service's credentials, in the JSON shape AWS's PostgreSQL rotation functions read. Terraform writes the first
# password only; rotation owns the secret after that.

resource "aws_secretsmanager_secret" "service" {
  for_each    = var.databases
  name        = "${var.name}/${each.key}/database"
  description = "${each.key}'s PostgreSQL credentials (role ${each.value}, alternating with ${each.value}_clone)"
  kms_key_id  = aws_kms_key.this.arn
  tags        = merge(var.tags, { Name = "${var.name}/${each.key}/database" })
}

data "aws_secretsmanager_random_password" "service" {
  for_each            = var.databases
  password_length     = 32
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "service" {
  for_each  = var.databases
  secret_id = aws_secretsmanager_secret.service[each.key].id
  secret_string = jsonencode({
    engine    = "postgres"
    host      = aws_db_instance.this.address
    port      = aws_db_instance.this.port
    username  = each.value
    password  = data.aws_secretsmanager_random_password.service[each.key].random_password
    dbname    = each.value
    masterarn = local.master_secret
  })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

# Rotation without downtime: AWS's alternating-users function. Each rotation sets a new password on the user the
# secret does not name now (<role> or <role>_clone) and then points the secret at it, so the credentials running
# tasks hold stay valid until the rotation after; a single-user rotation would change the password under them.
# The services SET ROLE <role> on every connection, so whichever user logs in, objects stay owned by <role>.

resource "aws_cloudwatch_log_group" "rotation" {
  name              = "/aws/lambda/${local.rotation_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = merge(var.tags, { Name = local.rotation_name })
}

resource "aws_serverlessapplicationrepository_cloudformation_stack" "rotation" {
  name             = local.rotation_name
  application_id   = local.rotation_application
  semantic_version = local.rotation_version
  capabilities     = ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"]
  parameters = {
    functionName          = local.rotation_name
    endpoint              = "https://secretsmanager.${data.aws_region.current.region}.${data.aws_partition.current.dns_suffix}"
    vpcSubnetIds          = join(",", var.subnet_ids)
    vpcSecurityGroupIds   = aws_security_group.helper["rotation"].id
    kmsKeyArn             = aws_kms_key.this.arn
    masterSecretArn       = local.master_secret
    masterSecretKmsKeyArn = aws_kms_key.this.arn
    excludeCharacters     = local.punctuation
  }
  tags       = merge(var.tags, { Name = local.rotation_name })
  depends_on = [aws_cloudwatch_log_group.rotation]
}

data "aws_lambda_function" "rotation" {
  function_name = aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]
}

# The function finds the instance behind RDS's master secret with DescribeDBInstances; granted here in case the
# template's own role does not.
resource "aws_iam_role_policy" "rotation_describe_instance" {
  name = "describe-${var.name}"
  role = reverse(split("/", data.aws_lambda_function.rotation.role))[0]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "rds:DescribeDBInstances"
      Resource = aws_db_instance.this.arn
    }]
  })
}

resource "aws_secretsmanager_secret_rotation" "service" {
  for_each            = var.databases
  secret_id           = aws_secretsmanager_secret_version.service[each.key].secret_id
  rotation_lambda_arn = aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]
  # Not now: the roles exist only once the setup task has run after the first apply.
  rotate_immediately = false

  rotation_rules {
    automatically_after_days = var.rotation_days
  }

  depends_on = [aws_iam_role_policy.rotation_describe_instance]
}

# The one-off setup task (aws ecs run-task, after the first apply; safe to run again): per service the role <role>,
# the clone <role>_clone the rotation alternates to (a member of <role>), the password of whichever of the two the
# secret names now, and the database owned by <role> that no one else may connect to.

locals {
  setup_sql = <<-EOT
    -- psql variables: role, clone, user (the one the secret names now), password. Runs as the RDS master user.
    -- Passwords travel in statements here and in the rotation function's (it logs in as the master too): keep them out
    -- of the server's log even when one is slow or fails. RDS may refuse these settings to its master user; then
    -- they stay as the parameter group has them (a statement is logged only when slower than slow_query_ms or failing).
    DO $$
    BEGIN
      SET log_min_duration_statement = -1;
      SET log_min_error_statement = panic;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'statement logging of this session left as the parameter group sets it';
    END
    $$;
    DO $$
    BEGIN
      ALTER ROLE CURRENT_USER SET log_min_duration_statement = -1;
      ALTER ROLE CURRENT_USER SET log_min_error_statement = panic;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'statement logging of the master user left as the parameter group sets it';
    END
    $$;
    SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
    SELECT format('CREATE ROLE %I LOGIN', :'clone') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'clone') \gexec
    GRANT :"role" TO :"clone";
    -- PostgreSQL 16+: the master holds ADMIN on roles it created, but CREATE DATABASE ... OWNER needs SET as well.
    GRANT :"role" TO CURRENT_USER WITH SET TRUE, INHERIT FALSE;
    ALTER ROLE :"user" PASSWORD :'password';
    SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'role') \gexec
    REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
    GRANT CONNECT ON DATABASE :"role" TO :"role";
  EOT

  setup_script = <<-EOT
    set -euo pipefail
    # $1: the role (and database); $2 and $3: the user and password its secret holds now.
    setup() {
      if [[ $2 != "$1" && $2 != "$1"_clone ]]; then
        echo "the secret for $1 names $2, neither $1 nor $1_clone" >&2
        return 1
      fi
      printf '%s\n' "$SETUP_SQL" | psql -X -q -v ON_ERROR_STOP=1 -v role="$1" -v clone="$1"_clone -v user="$2" -v password="$3" -f -
      echo "$1: role, clone and database in place"
    }
    %{for service, database in var.databases~}
    setup ${database} "$DB_USERNAME_${local.env_suffix[service]}" "$DB_PASSWORD_${local.env_suffix[service]}"
    %{endfor~}
  EOT
}

resource "aws_cloudwatch_log_group" "setup" {
  name              = "/ecs/${local.setup_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = merge(var.tags, { Name = local.setup_name })
}

resource "aws_iam_role" "setup_execution" {
  name        = "${local.setup_name}-execution"
  description = "Starts the database setup task: its secrets and its log group, nothing else"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
  tags = merge(var.tags, { Name = "${local.setup_name}-execution" })
}

resource "aws_iam_role_policy" "setup_execution" {
  name = "secrets-and-logs"
  role = aws_iam_role.setup_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = concat([local.master_secret], [for secret in aws_secretsmanager_secret.service : secret.arn])
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.this.arn
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.setup.arn}:*"
      },
    ]
  })
}

resource "aws_ecs_task_definition" "setup" {
  family                   = local.setup_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.setup_execution.arn
  tags                     = merge(var.tags, { Name = local.setup_name })

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([{
    name                   = "db-setup"
    image                  = "public.ecr.aws/docker/library/postgres:${local.major}"
    essential              = true
    user                   = "postgres"
    readonlyRootFilesystem = true
    command                = ["bash", "-c", local.setup_script]
    environment = [
      { name = "PGHOST", value = aws_db_instance.this.address },
      { name = "PGPORT", value = tostring(local.port) },
      { name = "PGDATABASE", value = "postgres" },
      { name = "PGSSLMODE", value = "require" },
      { name = "PGCONNECT_TIMEOUT", value = "10" },
      { name = "PGAPPNAME", value = local.setup_name },
      { name = "SETUP_SQL", value = local.setup_sql },
    ]
    # Credentials reach the container only through ECS secrets, never the task definition.
    secrets = concat(
      [
        { name = "PGUSER", valueFrom = "${local.master_secret}:username::" },
        { name = "PGPASSWORD", valueFrom = "${local.master_secret}:password::" },
      ],
      flatten([for service, secret in aws_secretsmanager_secret.service : [
        { name = "DB_USERNAME_${local.env_suffix[service]}", valueFrom = "${secret.arn}:username::" },
        { name = "DB_PASSWORD_${local.env_suffix[service]}", valueFrom = "${secret.arn}:password::" },
      ]]),
    )
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.setup.name
        awslogs-region        = data.aws_region.current.region
        awslogs-stream-prefix = "db-setup"
      }
    }
  }])
}
