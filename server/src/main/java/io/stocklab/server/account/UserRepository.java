package io.stocklab.server.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface UserRepository extends ListCrudRepository<UserAccount, UUID>, PagingAndSortingRepository<UserAccount, UUID> {

    Optional<UserAccount> findByEmail(String email);

    boolean existsByEmail(String email);

    boolean existsByNicknameKey(String nicknameKey);

    Page<UserAccount> findByEmailContainingOrNicknameKeyContaining(String email, String nicknameKey, Pageable page);
}
