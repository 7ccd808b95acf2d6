#!/usr/bin/env pwsh
# Sequences the same dotnet commands that CI runs (.ci/run); nothing else lives here.
# Usage: ./build.ps1 [-Target restore|build|test|pack|all] [-Configuration Debug|Release]
# Without PowerShell installed: dotnet tool restore && dotnet tool run pwsh ./build.ps1 -Target build
# (the pinned PowerShell tool of .config/dotnet-tools.json; .ci/run does exactly this).
# pack writes every package (AkkaConvergence, .Hosting, .Management, .Simulation and the
# akka-convergence tool) to artifacts/.
param(
    [ValidateSet('restore', 'build', 'test', 'pack', 'all')]
    [string] $Target = 'all',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

if ($Target -in 'restore', 'all') { Invoke-Dotnet restore AkkaConvergence.sln }
if ($Target -in 'build', 'all')   { Invoke-Dotnet build AkkaConvergence.sln --configuration $Configuration }
if ($Target -in 'test', 'all')    { Invoke-Dotnet test AkkaConvergence.sln --configuration $Configuration }
if ($Target -in 'pack', 'all')    { Invoke-Dotnet pack AkkaConvergence.sln --configuration $Configuration --output artifacts }
