/**
 * What a service developer writes to make a service's state durable: {@link dev.gridha.durability.DurableService}
 * on the service with its mapping, {@link dev.gridha.durability.StateFactory} on the methods that create state
 * objects, and, where the mapping does not say, {@link dev.gridha.durability.Update} and
 * {@link dev.gridha.durability.ReadOnly} on state-object methods.
 */
package dev.gridha.durability;
