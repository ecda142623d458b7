global using RightHand.Tests.Infrastructure;
global using Xunit;
