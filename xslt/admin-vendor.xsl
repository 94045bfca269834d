<?xml version="1.0" encoding="UTF-8"?>
<!-- A vendor: its details (and their form), suspension, partner API keys
     (issue, rotate, revoke: never their secrets), its products, recent
     orders and deliveries. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="admin-vendor-form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="vendor/name-zh"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="v" select="vendor"/>
    <xsl:variable name="base" select="concat('/admin/vendors/', $v/@slug)"/>
    <p class="muted"><a href="/admin/vendors"><xsl:value-of select="m:t('admin.vendors.all')"/></a></p>
    <h1>
      <xsl:value-of select="$v/name-zh"/><xsl:text> </xsl:text>
      <span class="muted"><xsl:value-of select="$v/name-en"/></span><xsl:text> </xsl:text>
      <xsl:call-template name="status"><xsl:with-param name="prefix" select="'admin.vendors.status.'"/><xsl:with-param name="value" select="$v/@status"/></xsl:call-template>
    </h1>
    <xsl:if test="$v/@status = 'suspended'">
      <p class="flash flash-info"><xsl:value-of select="m:t('admin.vendors.suspended_note')"/></p>
    </xsl:if>

    <h2 id="details"><xsl:value-of select="m:t('admin.vendors.details')"/></h2>
    <table class="data admin-table vendor-details">
      <tbody>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.slug')"/></th><td><code><xsl:value-of select="$v/@slug"/></code><xsl:text> </xsl:text><span class="muted">#<xsl:value-of select="$v/@id"/></span></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.website')"/></th>
          <td><xsl:if test="starts-with($v/website, 'https://') or starts-with($v/website, 'http://')"><a href="{$v/website}" rel="noopener noreferrer"><xsl:value-of select="$v/website"/></a></xsl:if></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.support_email')"/></th><td><xsl:value-of select="$v/support-email"/></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.products')"/></th><td><xsl:value-of select="$v/@products"/><xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="$v/@listed"/><xsl:text> </xsl:text><xsl:value-of select="m:t('admin.vendors.listed')"/>)</span></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.created')"/></th><td><xsl:call-template name="time"><xsl:with-param name="t" select="$v/@created"/></xsl:call-template></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.updated')"/></th><td><xsl:call-template name="time"><xsl:with-param name="t" select="$v/@updated"/></xsl:call-template></td></tr>
      </tbody>
    </table>
    <p><a href="/admin/audit?target=vendor&amp;ref={$v/@slug}"><xsl:value-of select="m:t('admin.vendors.history')"/></a></p>

    <form class="admin-form vendor-form" action="{form/@action}" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="vendor-fields"/>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.vendors.save')"/></button>
      </div>
    </form>

    <h2 id="standing"><xsl:value-of select="m:t('admin.vendors.standing')"/></h2>
    <xsl:variable name="act">
      <xsl:choose>
        <xsl:when test="$v/@status = 'active'">suspend</xsl:when>
        <xsl:otherwise>reinstate</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <form class="admin-form vendor-standing" action="{$base}/{$act}" method="post">
      <xsl:call-template name="admin-csrf"/>
      <p class="muted"><xsl:value-of select="m:t(concat('admin.vendors.', $act, '_hint'))"/></p>
      <label class="field">
        <span><xsl:value-of select="m:t('admin.reason')"/></span>
        <input type="text" name="reason" required="required" maxlength="500">
          <xsl:if test="/page/form-error[@field = 'reason']">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="autofocus">autofocus</xsl:attribute>
          </xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'reason'"/></xsl:call-template>
      </label>
      <div class="admin-actions">
        <button type="submit">
          <xsl:if test="$act = 'suspend'"><xsl:attribute name="class">danger</xsl:attribute></xsl:if>
          <xsl:value-of select="m:t(concat('admin.vendors.', $act))"/>
        </button>
      </div>
    </form>

    <h2 id="keys"><xsl:value-of select="m:t('admin.vendors.keys')"/></h2>
    <p class="muted"><xsl:value-of select="m:t('admin.vendors.keys_note', $v/@keys-max)"/></p>
    <xsl:for-each select="/page/form-error[@field = 'keys']">
      <p class="flash flash-error" role="alert"><xsl:call-template name="form-error-text"/></p>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="$v/keys/key">
        <div class="table-scroll">
          <table class="data admin-table keys">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.key_id')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.last_used')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.revoked')"/></th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v/keys/key">
                <tr id="key-{@key-id}">
                  <td><code><xsl:value-of select="@key-id"/></code></td>
                  <td><xsl:call-template name="status"><xsl:with-param name="prefix" select="'admin.vendors.key_status.'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@last-used"><xsl:call-template name="time"><xsl:with-param name="t" select="@last-used"/></xsl:call-template></xsl:when>
                      <xsl:otherwise><span class="muted"><xsl:value-of select="m:t('admin.vendors.never')"/></span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:if test="@revoked"><xsl:call-template name="time"><xsl:with-param name="t" select="@revoked"/></xsl:call-template></xsl:if></td>
                  <td>
                    <xsl:if test="@status = 'active'">
                      <div class="admin-actions">
                        <form action="{$base}/keys/{@key-id}/rotate" method="post">
                          <xsl:call-template name="admin-csrf"/>
                          <button type="submit"><xsl:value-of select="m:t('admin.vendors.rotate')"/></button>
                        </form>
                        <form action="{$base}/keys/{@key-id}/revoke" method="post">
                          <xsl:call-template name="admin-csrf"/>
                          <button type="submit" class="danger"><xsl:value-of select="m:t('admin.vendors.revoke')"/></button>
                        </form>
                      </div>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.vendors.no_keys')"/></p></xsl:otherwise>
    </xsl:choose>
    <form class="admin-actions" action="{$base}/keys" method="post">
      <xsl:call-template name="admin-csrf"/>
      <button type="submit" class="primary"><xsl:value-of select="m:t('admin.vendors.issue')"/></button>
    </form>

    <h2 id="products"><xsl:value-of select="m:t('admin.vendors.products')"/></h2>
    <xsl:variable name="ps" select="$v/product-list"/>
    <xsl:choose>
      <xsl:when test="$ps/product">
        <div class="table-scroll">
          <table class="data admin-table products">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.category')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.status')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.vendors.price_from')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$ps/product">
                <tr>
                  <td><a href="/admin/products/{@id}"><xsl:value-of select="@id"/></a></td>
                  <td><a href="/admin/products/{@id}"><xsl:value-of select="name"/></a><xsl:text> </xsl:text><span class="badge badge-{@delivery}"><xsl:value-of select="m:t(concat('delivery.', @delivery))"/></span></td>
                  <td><xsl:value-of select="@category"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@listed = '1'"><xsl:value-of select="m:t('admin.vendors.on_sale')"/></xsl:when>
                      <xsl:otherwise><span class="muted"><xsl:value-of select="m:t('admin.vendors.off_sale')"/></span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="price-from"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$ps"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.vendors.no_products')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2 id="orders"><xsl:value-of select="m:t('admin.vendors.recent_orders')"/></h2>
    <xsl:choose>
      <xsl:when test="$v/orders/order">
        <div class="table-scroll">
          <table class="data admin-table orders">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.order')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.kind')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.status')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.vendors.total')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v/orders/order">
                <tr>
                  <td><a href="/admin/orders/{@no}"><code><xsl:value-of select="@no"/></code></a></td>
                  <td><xsl:value-of select="product"/></td>
                  <td><xsl:call-template name="label"><xsl:with-param name="prefix" select="'order.kind.'"/><xsl:with-param name="value" select="@kind"/></xsl:call-template></td>
                  <td><xsl:call-template name="status"><xsl:with-param name="prefix" select="'order.status.'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="total"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.vendors.no_orders')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2 id="deliveries"><xsl:value-of select="m:t('admin.vendors.recent_deliveries')"/></h2>
    <xsl:choose>
      <xsl:when test="$v/deliveries/delivery">
        <div class="table-scroll">
          <table class="data admin-table deliveries">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.delivery')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.instance')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v/deliveries/delivery">
                <tr>
                  <td><a href="/admin/deliveries/{@no}"><code><xsl:value-of select="@no"/></code></a></td>
                  <td><xsl:value-of select="product"/></td>
                  <td><code><xsl:value-of select="@instance"/></code></td>
                  <td><xsl:call-template name="status"><xsl:with-param name="prefix" select="'delivery.status.'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.vendors.no_deliveries')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
